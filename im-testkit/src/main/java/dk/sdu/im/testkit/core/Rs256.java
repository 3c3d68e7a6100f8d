package dk.sdu.im.testkit.core;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;

import java.security.PrivateKey;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * Signs JWTs byte-for-byte the way UCloud's Go code (golang-jwt v5) does: the header is exactly
 * {@code {"alg":"RS256","typ":"JWT"}} with no {@code kid}, and a one-element {@code aud} stays an array.
 * Nimbus would otherwise collapse a single audience into a string, which is not what Core sends.
 */
final class Rs256 {
    private static final String HEADER_JSON = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";

    private Rs256() {
    }

    static String sign(JWTClaimsSet claims, PrivateKey key) {
        try {
            JWSObject jws = new JWSObject(header(), new Payload(payload(claims)));
            jws.sign(new RSASSASigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign JWT", e);
        }
    }

    private static JWSHeader header() {
        try {
            return JWSHeader.parse(Base64URL.encode(HEADER_JSON));
        } catch (ParseException e) {
            throw new IllegalStateException("constant JWT header does not parse", e);
        }
    }

    private static Map<String, Object> payload(JWTClaimsSet claims) {
        Map<String, Object> json = claims.toJSONObject();
        if (claims.getClaim(JWTClaimNames.AUDIENCE) instanceof List<?> audience) {
            json.put(JWTClaimNames.AUDIENCE, audience);
        }
        return json;
    }
}
