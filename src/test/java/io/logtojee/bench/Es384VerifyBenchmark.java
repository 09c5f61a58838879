package io.logtojee.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One ES384 JWS signature check with Nimbus, the library the application verifies Logto's access
 * tokens with: the cost a Bearer request cannot avoid. Run on one thread, its score is
 * verifications per second on one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Es384VerifyBenchmark {

  private ECDSAVerifier verifier;
  private JWSHeader header;
  private byte[] signingInput;
  private Base64URL signature;

  @Setup
  public void signOneToken() throws JOSEException {
    ECKey key = new ECKeyGenerator(Curve.P_384).keyID("bench-key").generate();
    header =
        new JWSHeader.Builder(JWSAlgorithm.ES384)
            .type(new JOSEObjectType("at+jwt"))
            .keyID(key.getKeyID())
            .build();
    long now = System.currentTimeMillis();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .jwtID("bench-token-id")
            .subject("bench-client")
            .issuer("http://127.0.0.1/oidc")
            .audience("https://api.example.test")
            .issueTime(new Date(now))
            .expirationTime(new Date(now + 3_600_000))
            .claim("scope", "read:demo")
            .claim("client_id", "bench-client")
            .build();
    SignedJWT jwt = new SignedJWT(header, claims);
    jwt.sign(new ECDSASigner(key));
    signingInput = jwt.getSigningInput();
    signature = jwt.getSignature();
    verifier = new ECDSAVerifier(key.toECPublicKey());
    if (!verify()) {
      throw new IllegalStateException("the benchmark's token does not verify");
    }
  }

  @Benchmark
  public boolean verify() throws JOSEException {
    return verifier.verify(header, signingInput, signature);
  }
}
