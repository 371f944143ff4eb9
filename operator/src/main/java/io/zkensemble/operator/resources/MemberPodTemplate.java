package io.zkensemble.operator.resources;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.zkensemble.operator.api.MemberKind;
import io.zkensemble.operator.api.ZkEnsemble;
import io.zkensemble.operator.api.ZkEnsembleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pod of a member. An init container writes {@code myid} from the pod's ordinal and the node's
 * zoo.cfg into the member's volume; the node container then runs the image's entrypoint with that
 * zoo.cfg as its argument (Quarkus' images pass their arguments on to the node).
 */
public final class MemberPodTemplate {
  /** Lets a config change be seen on the pods, and tells pods started before it. */
  public static final String CONFIG_CHECKSUM = "zkensemble.io/config-checksum";

  /**
   * A checksum of the rest of the template: a pod whose value differs from its StatefulSet's
   * template runs an older one (image, jvmOptions, config, ...) and is due for a restart.
   */
  public static final String TEMPLATE_HASH = "zkensemble.io/template-hash";

  public static final String NODE_CONTAINER = "node";
  static final String INIT_CONTAINER = "init-config";
  static final String DATA_VOLUME = "data";
  static final String CONFIG_VOLUME = "config";
  static final String CONFIG_DIR = "/config";

  /** The node's zoo.cfg, written by the init container into the member's volume. */
  static final String NODE_ZOO_CFG = ZooCfg.DATA_DIR + "/zoo.cfg";

  /**
   * Writes myid from the ordinal ({@code name-3} is ordinal 3), then the node's zoo.cfg: the static
   * file, the member's peerType, the super user's digest, and a dynamic config file to start from.
   * That is the newer of the configuration the operator last saw in force (the ConfigMap's) and the
   * member's own (the node writes one whenever a configuration comes into force). A member of it
   * starts from it as it is. A server that is not in it (joining, or back with an old volume after
   * its removal) starts from it plus its own line, as version 0, so that it syncs as a non-voting
   * follower or an observer and the leader's configuration replaces its own; the operator adds it
   * then. So no pod ever starts without its own server line, and none from an older configuration
   * than it has seen.
   */
  static final String INIT_SCRIPT =
      """
      set -eu
      ordinal="${POD_NAME##*-}"
      id=$((ordinal + FIRST_ID))
      echo "$id" > %1$s/myid
      start=%2$s/zoo.cfg.dynamic
      version=$(sed -n 's/^version=//p' "$start")
      own=$(sed -n 's/^dynamicConfigFile=//p' %3$s 2>/dev/null || true)
      own_version="${own##*.dynamic.}"
      case "$own_version" in
        "" | *[!0-9a-fA-F]*) ;;
        *) if [ -f "$own" ] && [ $((0x$own_version)) -gt $((0x$version)) ]; then
             start="$own"
             version="$own_version"
           fi ;;
      esac
      servers=$(grep '^server\\.' "$start")
      if ! printf '%%s\\n' "$servers" | grep -q "^server\\.$id="; then
        version=0
        servers=$(printf '%%s\\nserver.%%s=%%s:%%s:%%s:%%s;%%s' "$servers" "$id" \\
          "$POD_NAME.$MEMBER_DOMAIN" "$QUORUM_PORT" "$ELECTION_PORT" "$PEER_TYPE" "$CLIENT_PORT")
      fi
      dynamic=%1$s/zoo.cfg.dynamic.$version
      printf '%%s\\n' "$servers" > "$dynamic.tmp"
      mv "$dynamic.tmp" "$dynamic"
      {
        cat %2$s/zoo.cfg
        echo "peerType=$PEER_TYPE"
        echo "DigestAuthenticationProvider.superDigest=$SUPER_DIGEST"
        echo "dynamicConfigFile=$dynamic"
      } > %3$s.tmp
      mv %3$s.tmp %3$s
      """
          .formatted(ZooCfg.DATA_DIR, CONFIG_DIR, NODE_ZOO_CFG);

  /** The default user of Quarkus' UBI OpenJDK base images; the group that may write /data. */
  static final long UBI_JBOSS_GROUP = 185;

  static final String READY_PATH = "/q/health/ready";
  static final String LIVE_PATH = "/q/health/live";

  /** Asks a leader to hand leadership to a synced follower before it stops; others ignore it. */
  static final String HAND_OFF_PATH = "/commands/transfer_leadership";

  private MemberPodTemplate() {}

  static PodTemplateSpec desired(ZkEnsemble ensemble, MemberKind kind) {
    ZkEnsembleSpec spec = ensemble.getSpec();
    Map<String, String> annotations = new TreeMap<>(spec.pod.annotations);
    annotations.put(CONFIG_CHECKSUM, ZooCfg.checksum(ZooCfg.staticConfig(ensemble)));
    PodTemplateSpec template =
        new PodTemplateSpecBuilder()
            .withNewMetadata()
            .withLabels(Labels.pod(ensemble, kind))
            .withAnnotations(annotations)
            .endMetadata()
            .withNewSpec()
            .withServiceAccountName(spec.pod.serviceAccountName)
            .withPriorityClassName(spec.pod.priorityClassName)
            .withAffinity(
                spec.pod.affinity != null ? spec.pod.affinity : spreadAcrossNodes(ensemble))
            .withTolerations(spec.pod.tolerations)
            .withNodeSelector(spec.pod.nodeSelector)
            .withTopologySpreadConstraints(spec.pod.topologySpreadConstraints)
            .withSecurityContext(securityContext(spec))
            .withInitContainers(initContainer(ensemble, kind))
            .withContainers(nodeContainer(ensemble))
            .addNewVolume()
            .withName(CONFIG_VOLUME)
            .withNewConfigMap()
            .withName(Names.configMap(ensemble))
            .endConfigMap()
            .endVolume()
            .endSpec()
            .build();
    template
        .getMetadata()
        .getAnnotations()
        .put(TEMPLATE_HASH, ZooCfg.checksum(Serialization.asJson(template)));
    return template;
  }

  /** The template hash the pods of this kind should carry. */
  public static String hash(ZkEnsemble ensemble, MemberKind kind) {
    return desired(ensemble, kind).getMetadata().getAnnotations().get(TEMPLATE_HASH);
  }

  /** Soft: a small cluster may have fewer nodes than members, and should still run them. */
  private static Affinity spreadAcrossNodes(ZkEnsemble ensemble) {
    return new AffinityBuilder()
        .withNewPodAntiAffinity()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution()
        .withWeight(100)
        .withNewPodAffinityTerm()
        .withTopologyKey("kubernetes.io/hostname")
        .withNewLabelSelector()
        .withMatchLabels(Labels.selector(ensemble))
        .endLabelSelector()
        .endPodAffinityTerm()
        .endPreferredDuringSchedulingIgnoredDuringExecution()
        .endPodAntiAffinity()
        .build();
  }

  private static PodSecurityContext securityContext(ZkEnsembleSpec spec) {
    return spec.pod.securityContext != null
        ? spec.pod.securityContext
        : new PodSecurityContextBuilder().withFsGroup(UBI_JBOSS_GROUP).build();
  }

  private static Container initContainer(ZkEnsemble ensemble, MemberKind kind) {
    ZkEnsembleSpec spec = ensemble.getSpec();
    return new ContainerBuilder()
        .withName(INIT_CONTAINER)
        .withImage(spec.image)
        .withImagePullPolicy(spec.imagePullPolicy.name())
        .withCommand("/bin/sh", "-c", INIT_SCRIPT)
        .withEnv(
            new EnvVarBuilder()
                .withName("POD_NAME")
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath("metadata.name")
                .endFieldRef()
                .endValueFrom()
                .build(),
            env("FIRST_ID", String.valueOf(kind.firstId())),
            env("PEER_TYPE", kind.label()),
            env("MEMBER_DOMAIN", Names.memberDomain(ensemble)),
            env("CLIENT_PORT", String.valueOf(spec.ports.client)),
            env("QUORUM_PORT", String.valueOf(spec.ports.quorum)),
            env("ELECTION_PORT", String.valueOf(spec.ports.election)),
            new EnvVarBuilder()
                .withName("SUPER_DIGEST")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(Names.superCredentials(ensemble))
                .withKey(SuperCredentials.DIGEST)
                .endSecretKeyRef()
                .endValueFrom()
                .build())
        .withVolumeMounts(dataMount(), configMount())
        .build();
  }

  private static Container nodeContainer(ZkEnsemble ensemble) {
    ZkEnsembleSpec spec = ensemble.getSpec();
    List<EnvVar> env = new ArrayList<>();
    if (!spec.jvmOptions.isEmpty()) {
      // Read by the java launcher itself, whatever the image's entrypoint script does.
      env.add(env("JDK_JAVA_OPTIONS", String.join(" ", spec.jvmOptions)));
    }
    env.addAll(spec.pod.env);
    return new ContainerBuilder()
        .withName(NODE_CONTAINER)
        .withImage(spec.image)
        .withImagePullPolicy(spec.imagePullPolicy.name())
        .withArgs(NODE_ZOO_CFG)
        .withPorts(Ports.container(spec.ports))
        .withEnv(env)
        .withResources(spec.resources)
        // Startup: loading a large snapshot may take minutes (5 s x 60); liveness only after.
        .withStartupProbe(probe(LIVE_PATH, 5, 60))
        .withLivenessProbe(probe(LIVE_PATH, 10, 3))
        .withReadinessProbe(probe(READY_PATH, 5, 1))
        .withNewLifecycle()
        .withNewPreStop()
        .withNewHttpGet()
        .withPath(HAND_OFF_PATH)
        .withPort(new IntOrString(Ports.ADMIN))
        .endHttpGet()
        .endPreStop()
        .endLifecycle()
        .withVolumeMounts(dataMount())
        .build();
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(Ports.ADMIN))
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  private static EnvVar env(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  private static VolumeMount dataMount() {
    return new VolumeMountBuilder().withName(DATA_VOLUME).withMountPath(ZooCfg.DATA_DIR).build();
  }

  private static VolumeMount configMount() {
    return new VolumeMountBuilder()
        .withName(CONFIG_VOLUME)
        .withMountPath(CONFIG_DIR)
        .withReadOnly(true)
        .build();
  }
}
