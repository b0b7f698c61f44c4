package io.weatherpipeline.common.http;

import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Answers 401 to a request for a {@link RequiresWriteToken} method that does not carry the configured
 * token ({@link WriteToken}). A service picks it up by depending on pipeline-common (a bean archive)
 * and declaring {@value WriteToken#KEY} in its application.properties. Stateless after construction;
 * runs on whichever thread serves the request.
 */
@Provider
@RequiresWriteToken
public class WriteTokenFilter implements ContainerRequestFilter {

    private final WriteToken token;

    public WriteTokenFilter() {
        this.token = configured();
    }

    /** The service's rule, from {@value WriteToken#KEY}. */
    public static WriteToken configured() {
        return WriteToken.of(ConfigProvider.getConfig().getOptionalValue(WriteToken.KEY, String.class));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String refusal = token.refusal(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refusal != null) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"weather-pipeline\"")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", refusal))
                    .build());
        }
    }
}
