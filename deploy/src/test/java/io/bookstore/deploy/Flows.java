package io.bookstore.deploy;

import io.bookstore.deploy.Rendered.Workload;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who connects to whom, in two ways that must agree: the flows the configuration needs
 * (every {@code service:port} a pod's environment, arguments or mounted configuration
 * files name, the Ingress backends, the pods Prometheus scrapes) and the flows the
 * NetworkPolicies allow. Pods are named by their app.kubernetes.io/name label.
 */
final class Flows {

    /** The ingress-nginx controller, outside the namespace. */
    static final String INGRESS_CONTROLLER = "ingress-nginx";
    static final String INGRESS_NAMESPACE = "ingress-nginx";
    static final Map<String, String> INGRESS_CONTROLLER_LABELS =
            Map.of("app.kubernetes.io/name", "ingress-nginx", "app.kubernetes.io/component", "controller");

    /**
     * A host and port: a bare name (optionally qualified with the namespace), not preceded
     * by a word character, a dot or a dash, so that smtp.bookstore.example:587, 0.0.0.0:4317
     * and PromQL's [5m:1m] are not read as one. A StatefulSet's pod is reached as
     * {@code <pod>.<headless service>}, the pod named outright ({@code kafka-0.kafka:9093}) or by
     * a variable the kubelet fills in ({@code $(POD_NAME).kafka:9092}): that names the Service.
     */
    private static final Pattern REFERENCE = Pattern.compile(
            "(?<![\\w.-])(?:(?:[a-z][a-z0-9-]*-\\d+|\\$\\([A-Z_]+\\))\\.)?([a-z][a-z0-9-]*)"
                    + "(?:\\.bookstore(?:\\.svc(?:\\.cluster\\.local)?)?)?:(\\d{2,5})(?!\\d)");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost");
    private static final Pattern YAML_COMMENT = Pattern.compile("(?m)(^|\\s)#.*$");

    /** A connection from the pods of one app to a container port of another's. */
    record Flow(String from, String to, int port) implements Comparable<Flow> {

        @Override
        public int compareTo(Flow other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return from + " -> " + to + ":" + (port < 0 ? "any port" : port);
        }
    }

    private Flows() {
    }

    static Set<Flow> needed(Rendered rendered) {
        Set<Flow> flows = new TreeSet<>();
        references(rendered, flows, new ArrayList<>());
        flows.addAll(scrapes(rendered));
        flows.addAll(ingressBackends(rendered));
        return flows;
    }

    /** Host and port references that name no Service of the rendering, or a port it does not have. */
    static List<String> unresolvedReferences(Rendered rendered) {
        List<String> unresolved = new ArrayList<>();
        references(rendered, new TreeSet<>(), unresolved);
        return unresolved;
    }

    private static void references(Rendered rendered, Set<Flow> flows, List<String> unresolved) {
        for (Workload workload : rendered.workloads()) {
            for (String text : configurationTexts(rendered, workload)) {
                Matcher reference = REFERENCE.matcher(text);
                while (reference.find()) {
                    resolve(rendered, workload, reference.group(1), Integer.parseInt(reference.group(2)), flows, unresolved);
                }
            }
        }
    }

    private static void resolve(Rendered rendered, Workload from, String host, int port, Set<Flow> flows, List<String> unresolved) {
        if (LOCAL_HOSTS.contains(host)) {
            return;
        }
        Service service = rendered.find(Service.class, host).orElse(null);
        if (service == null) {
            unresolved.add(from + " names " + host + ":" + port + ", and there is no Service " + host);
            return;
        }
        ServicePort servicePort = service.getSpec().getPorts().stream()
                .filter(candidate -> candidate.getPort() == port).findFirst().orElse(null);
        if (servicePort == null) {
            unresolved.add(from + " names " + host + ":" + port + ", and Service " + host + " has no port " + port);
            return;
        }
        List<Workload> targets = selected(rendered, service.getSpec().getSelector());
        if (targets.isEmpty()) {
            unresolved.add(from + " names " + host + ":" + port + ", and Service " + host + " selects no pods");
        }
        for (Workload target : targets) {
            OptionalInt containerPort = target.containerPort(servicePort.getTargetPort());
            if (containerPort.isEmpty()) {
                unresolved.add("Service " + host + " port " + port + " targets " + servicePort.getTargetPort().getValue()
                        + ", which " + target + " does not declare");
            } else {
                flows.add(new Flow(from.app(), target.app(), containerPort.getAsInt()));
            }
        }
    }

    /**
     * What a pod is configured with: literal environment values, commands and arguments, and
     * the ConfigMaps it reads (environment and mounted files).
     */
    static List<String> configurationTexts(Rendered rendered, Workload workload) {
        List<String> texts = new ArrayList<>();
        Set<String> configMaps = new TreeSet<>();
        workload.allContainers().forEach(container -> {
            texts.addAll(container.getCommand());
            texts.addAll(container.getArgs());
            for (EnvVar variable : container.getEnv()) {
                if (variable.getValue() != null) {
                    texts.add(variable.getValue());
                } else if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
                    configMaps.add(variable.getValueFrom().getConfigMapKeyRef().getName());
                }
            }
            for (EnvFromSource source : container.getEnvFrom()) {
                if (source.getConfigMapRef() != null) {
                    configMaps.add(source.getConfigMapRef().getName());
                }
            }
        });
        for (Volume volume : workload.pod().getVolumes()) {
            if (volume.getConfigMap() != null) {
                configMaps.add(volume.getConfigMap().getName());
            }
            if (volume.getProjected() != null) {
                for (VolumeProjection source : volume.getProjected().getSources()) {
                    if (source.getConfigMap() != null) {
                        configMaps.add(source.getConfigMap().getName());
                    }
                }
            }
        }
        for (String name : configMaps) {
            rendered.find(ConfigMap.class, name).ifPresent(map -> map.getData().forEach(
                    (key, value) -> texts.add(key.endsWith(".yaml") || key.endsWith(".yml") ? withoutYamlComments(value) : value)));
        }
        return texts;
    }

    /** A comment may name a host it does not connect to (loki.yaml names its own URL). */
    private static String withoutYamlComments(String yaml) {
        return YAML_COMMENT.matcher(yaml).replaceAll("");
    }

    /** Prometheus (the pods configured with kubernetes_sd_configs) reads every annotated pod's metrics. */
    private static Set<Flow> scrapes(Rendered rendered) {
        Set<Flow> flows = new TreeSet<>();
        List<Workload> scrapers = rendered.workloads().stream()
                .filter(workload -> configurationTexts(rendered, workload).stream().anyMatch(text -> text.contains("kubernetes_sd_configs")))
                .toList();
        for (Workload target : rendered.workloads()) {
            Map<String, String> annotations = target.podMetadata().getAnnotations();
            if ("true".equals(annotations.get("prometheus.io/scrape"))) {
                int port = Integer.parseInt(Objects.requireNonNull(annotations.get("prometheus.io/port"),
                        target + " asks to be scraped and names no prometheus.io/port"));
                scrapers.forEach(scraper -> flows.add(new Flow(scraper.app(), target.app(), port)));
            }
        }
        return flows;
    }

    private static Set<Flow> ingressBackends(Rendered rendered) {
        Set<Flow> flows = new TreeSet<>();
        for (Ingress ingress : rendered.all(Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    Service service = rendered.named(Service.class, path.getBackend().getService().getName());
                    ServicePort port = servicePort(service, path.getBackend().getService().getPort().getName(),
                            path.getBackend().getService().getPort().getNumber());
                    for (Workload target : selected(rendered, service.getSpec().getSelector())) {
                        target.containerPort(port.getTargetPort())
                                .ifPresent(containerPort -> flows.add(new Flow(INGRESS_CONTROLLER, target.app(), containerPort)));
                    }
                }
            }
        }
        return flows;
    }

    static ServicePort servicePort(Service service, String name, Integer number) {
        return service.getSpec().getPorts().stream()
                .filter(port -> name != null ? name.equals(port.getName()) : number.equals(port.getPort()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Service " + service.getMetadata().getName() + " has no port "
                        + (name != null ? name : number)));
    }

    /** What the NetworkPolicies let in, besides a default deny (an empty selector without rules). */
    static Set<Flow> allowed(Rendered rendered) {
        Set<Flow> flows = new TreeSet<>();
        for (NetworkPolicy policy : rendered.all(NetworkPolicy.class)) {
            for (Workload target : selected(rendered, policy.getSpec().getPodSelector())) {
                for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                    List<String> sources = rule.getFrom().isEmpty() ? List.of("anywhere") : sources(rendered, rule.getFrom());
                    List<Integer> ports = rule.getPorts().isEmpty() ? List.of(-1) : ports(target, rule.getPorts());
                    for (String source : sources) {
                        for (int port : ports) {
                            flows.add(new Flow(source, target.app(), port));
                        }
                    }
                }
            }
        }
        return flows;
    }

    private static List<String> sources(Rendered rendered, List<NetworkPolicyPeer> peers) {
        List<String> sources = new ArrayList<>();
        for (NetworkPolicyPeer peer : peers) {
            if (peer.getIpBlock() != null) {
                sources.add("ipBlock " + peer.getIpBlock().getCidr());
            } else if (peer.getNamespaceSelector() != null) {
                boolean ingressController = matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", INGRESS_NAMESPACE))
                        && peer.getPodSelector() != null && matches(peer.getPodSelector(), INGRESS_CONTROLLER_LABELS)
                        && !peer.getPodSelector().getMatchLabels().isEmpty();
                sources.add(ingressController ? INGRESS_CONTROLLER : "namespaces " + peer.getNamespaceSelector());
            } else {
                selected(rendered, peer.getPodSelector()).forEach(workload -> sources.add(workload.app()));
            }
        }
        return sources;
    }

    private static List<Integer> ports(Workload target, List<NetworkPolicyPort> ports) {
        List<Integer> numbers = new ArrayList<>();
        for (NetworkPolicyPort port : ports) {
            IntOrString value = port.getPort();
            if (value == null || port.getEndPort() != null) {
                numbers.add(-1);
            } else {
                numbers.add(value.getIntVal() != null ? value.getIntVal()
                        : target.containerPort(value).orElseThrow(() -> new AssertionError(
                                target + " has no port named " + value.getStrVal())));
            }
        }
        return numbers;
    }

    static List<Workload> selected(Rendered rendered, LabelSelector selector) {
        return rendered.workloads().stream().filter(workload -> matches(selector, workload.labels())).toList();
    }

    static List<Workload> selected(Rendered rendered, Map<String, String> selector) {
        return rendered.workloads().stream()
                .filter(workload -> !selector.isEmpty() && workload.labels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (!labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
            String value = labels.get(requirement.getKey());
            boolean holds = switch (requirement.getOperator()) {
                case "In" -> value != null && requirement.getValues().contains(value);
                case "NotIn" -> value == null || !requirement.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + requirement.getOperator());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }
}
