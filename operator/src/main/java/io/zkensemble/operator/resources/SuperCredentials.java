package io.zkensemble.operator.resources;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.zkensemble.operator.api.ZkEnsemble;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The Secret with the ensemble's super user: a random password, made once and never changed, and
 * its digest, which the members' zoo.cfg takes as DigestAuthenticationProvider.superDigest. The
 * operator authenticates with it to reconfig; everybody else finds /zookeeper/config read-only.
 */
@KubernetesDependent(
    informer = @Informer(labelSelector = Labels.MANAGED_BY + "=" + Labels.OPERATOR))
public class SuperCredentials extends KubernetesDependentResource<Secret, ZkEnsemble>
    implements Creator<Secret, ZkEnsemble>, GarbageCollected<ZkEnsemble> {
  public static final String PASSWORD = "password";
  public static final String DIGEST = "digest";

  /** The user Apache's DigestAuthenticationProvider gives every permission. */
  public static final String USER = "super";

  /** 24 random bytes: 192 bits. */
  private static final int PASSWORD_BYTES = 24;

  private static final SecureRandom RANDOM = new SecureRandom();

  public SuperCredentials() {
    super(Secret.class);
  }

  @Override
  protected Secret desired(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    byte[] random = new byte[PASSWORD_BYTES];
    RANDOM.nextBytes(random);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    return new SecretBuilder()
        .withNewMetadata()
        .withName(Names.superCredentials(ensemble))
        .withNamespace(ensemble.getMetadata().getNamespace())
        .withLabels(Labels.common(ensemble))
        .endMetadata()
        .withType("Opaque")
        .addToStringData(PASSWORD, password)
        .addToStringData(DIGEST, digest(password))
        .build();
  }

  /**
   * The super user's password in the ensemble's Secret. The API server turns stringData into data
   * (base64); fabric8's mock keeps stringData as written.
   */
  public static Optional<String> password(Secret secret) {
    if (secret.getStringData() != null && secret.getStringData().containsKey(PASSWORD)) {
      return Optional.of(secret.getStringData().get(PASSWORD));
    }
    return Optional.ofNullable(secret.getData())
        .map(data -> data.get(PASSWORD))
        .map(encoded -> new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
  }

  /** Apache's DigestAuthenticationProvider.generateDigest of {@code super:password}. */
  static String digest(String password) {
    try {
      byte[] sha1 =
          MessageDigest.getInstance("SHA-1")
              .digest((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
      return USER + ":" + Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  @Override
  protected ResourceID targetSecondaryResourceID(ZkEnsemble ensemble, Context<ZkEnsemble> context) {
    return new ResourceID(Names.superCredentials(ensemble), ensemble.getMetadata().getNamespace());
  }
}
