package dk.sdu.im.testkit.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** ProductV2 trees shaped like contract 4.5, for tests. */
final class Products {
    private Products() {
    }

    static ObjectNode compute(String provider, String category, String name, String unitName) {
        ObjectNode product = (ObjectNode) CoreHttp.json("""
                {'type':'compute','productType':'COMPUTE','name':'%s','description':'1 vCPU',
                 'category':{'name':'%s','provider':'%s','productType':'COMPUTE',
                   'accountingUnit':{'name':'%s','namePlural':'%ss','floatingPoint':false,'displayFrequencySuffix':true},
                   'accountingFrequency':'PERIODIC_MINUTE','freeToUse':false,'allowSubAllocations':true},
                 'price':1,'fraction':{'numerator':1,'denominator':1},'hiddenInGrantApplications':false,'usage':null,
                 'cpu':1,'memoryInGigs':4,'gpu':0,'balance':0,'maxUsableBalance':0,'pricePerUnit':0}
                """.formatted(name, category, provider, unitName, unitName));
        return product;
    }

    static ObjectNode items(ObjectNode... products) {
        ObjectNode body = CoreHttp.JSON.createObjectNode();
        var items = body.putArray("items");
        for (ObjectNode product : products) {
            items.add(product);
        }
        return body;
    }
}
