package io.topline.alerts.delivery;

import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Refuses webhook URLs that would make this service call internal systems: private, loopback, link-local (cloud
 * metadata), shared, unique-local, multicast and unspecified addresses. Checked when a subscription is created and
 * again before every attempt, because a name may resolve elsewhere later; the attempt then connects to the address
 * this check resolved (see {@link #target(String)}), so a DNS answer that changes in between (rebinding) is never
 * used.
 */
@ApplicationScoped
public class SsrfGuard {

    private final boolean allowPrivateTargets;
    private final Resolver resolver;

    @Inject
    public SsrfGuard(WebhookConfig config) {
        this(config.allowPrivateTargets());
    }

    public SsrfGuard(boolean allowPrivateTargets) {
        this(allowPrivateTargets, InetAddress::getAllByName);
    }

    public SsrfGuard(boolean allowPrivateTargets, Resolver resolver) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = resolver;
    }

    /** Name resolution; tests stand in a DNS server whose answers change. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Where an attempt may connect: one address, resolved and checked once. {@code refusal} says why the host may not
     * be called; {@code unresolved} that the name did not resolve now, which may pass, so it is worth a retry.
     */
    public record Target(InetAddress address, String refusal, String unresolved) {
    }

    /** Parses and checks a subscription URL; a refusal is a 422 naming the {@code url} field. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw ProblemException.unprocessable("url", "url is not a valid URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getHost() == null || uri.getHost().isBlank()) {
            throw ProblemException.unprocessable("url", "url must be an absolute http or https URL with a host");
        }
        if (uri.getUserInfo() != null) {
            throw ProblemException.unprocessable("url", "url must not carry credentials");
        }
        String refusal = refusal(uri.getHost());
        if (refusal != null) {
            throw ProblemException.unprocessable("url", refusal);
        }
        return uri;
    }

    /** Why a host may not be called, or null when it may. */
    public String refusal(String host) {
        if (allowPrivateTargets) {
            return null;
        }
        Target target = target(host);
        return target.unresolved() != null ? target.unresolved() : target.refusal();
    }

    /** Resolves the host once and checks every address it has; the attempt connects to the address returned. */
    public Target target(String host) {
        InetAddress[] addresses;
        try {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return new Target(null, null, "url host '" + host + "' cannot be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            return new Target(null, null, "url host '" + host + "' cannot be resolved");
        }
        if (!allowPrivateTargets) {
            for (InetAddress address : addresses) {
                if (internal(address)) {
                    return new Target(null, "url host '" + host + "' resolves to " + address.getHostAddress()
                            + ", a private, loopback or link-local address, which subscriptions may not target", null);
                }
            }
        }
        return new Target(addresses[0], null, null);
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        if (address instanceof Inet4Address) {
            return reservedIpv4(address.getAddress());
        }
        if (address instanceof Inet6Address) {
            return internalIpv6(address.getAddress());
        }
        return false;
    }

    /** The IPv4 ranges that are not public yet not covered by {@link InetAddress}'s own checks. */
    private static boolean reservedIpv4(byte[] bytes) {
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8, 198.18.0.0/15 benchmarking, 240.0.0.0/4 reserved
        return (first == 100 && second >= 64 && second <= 127) || first == 0
                || (first == 198 && (second == 18 || second == 19)) || first >= 240;
    }

    /** Unique local IPv6 addresses, and those that carry an internal IPv4 address. */
    private static boolean internalIpv6(byte[] bytes) {
        int first = bytes[0] & 0xff;
        // fc00::/7 unique local addresses; IPv4-mapped addresses are judged as the IPv4 address they hold
        if ((first & 0xfe) == 0xfc) {
            return true;
        }
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= bytes[i] == 0;
        }
        boolean mapped = zeroPrefix && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && bytes[10] == 0 && bytes[11] == 0;
        // 64:ff9b::/96 is NAT64: a gateway turns it into the IPv4 address it holds, internal ones included
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b
                && bytes[4] == 0 && bytes[5] == 0 && bytes[6] == 0 && bytes[7] == 0 && bytes[8] == 0
                && bytes[9] == 0 && bytes[10] == 0 && bytes[11] == 0;
        if (mapped || compatible || nat64) {
            return embeddedIpv4Internal(bytes[12], bytes[13], bytes[14], bytes[15]);
        }
        // 2002::/16 is 6to4, with the IPv4 address in the next four bytes
        if (bytes[0] == 0x20 && bytes[1] == 0x02) {
            return embeddedIpv4Internal(bytes[2], bytes[3], bytes[4], bytes[5]);
        }
        return false;
    }

    private static boolean embeddedIpv4Internal(byte a, byte b, byte c, byte d) {
        try {
            return internal(InetAddress.getByAddress(new byte[]{a, b, c, d}));
        } catch (UnknownHostException e) {
            return true;
        }
    }
}
