package dk.sdu.im.api.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/** Signs tokens the way Core does, for verifier tests; attack variants are built by the tests themselves. */
public final class TestKeys {
    public final KeyPair pair;
    public final Instant now;

    public TestKeys(Instant now) {
        this.pair = generate();
        this.now = now;
    }

    public static KeyPair generate() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAPublicKey publicKey() {
        return (RSAPublicKey) pair.getPublic();
    }

    public JWTClaimsSet.Builder coreClaims() {
        return new JWTClaimsSet.Builder()
                .issuer("cloud.sdu.dk").subject("_UCloud").claim("role", "SERVICE")
                .claim("principalType", "service").audience(List.of("all:write"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    public String sign(UnaryOperator<JWTClaimsSet.Builder> customise) {
        return sign(pair, customise.apply(coreClaims()).build());
    }

    public static String sign(KeyPair keys, JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
