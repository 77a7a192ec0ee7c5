package io.topline.alerts.delivery;

import io.topline.alerts.problem.ProblemException;
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
 * again before every attempt, because a name may resolve elsewhere later.
 */
@ApplicationScoped
public class SsrfGuard {

    private final boolean allowPrivateTargets;

    @Inject
    public SsrfGuard(WebhookConfig config) {
        this(config.allowPrivateTargets());
    }

    public SsrfGuard(boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
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
        InetAddress[] addresses;
        try {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return "url host '" + host + "' cannot be resolved";
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                return "url host '" + host + "' resolves to " + address.getHostAddress()
                        + ", a private, loopback or link-local address, which subscriptions may not target";
            }
        }
        return null;
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64.0.0/10 carrier-grade NAT, 0.0.0.0/8, 198.18.0.0/15 benchmarking, 240.0.0.0/4 reserved
            return (first == 100 && second >= 64 && second <= 127) || first == 0
                    || (first == 198 && (second == 18 || second == 19)) || first >= 240;
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            // fc00::/7 unique local addresses; IPv4-mapped addresses are judged as the IPv4 address they hold
            if ((first & 0xfe) == 0xfc) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return internal(InetAddress.getByAddress(new byte[]{bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
