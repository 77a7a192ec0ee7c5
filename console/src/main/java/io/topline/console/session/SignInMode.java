package io.topline.console.session;

/** How the console learns who is signed in and which token it forwards for them. */
public enum SignInMode {
    /** Quarkus OIDC authorization code flow; the access token of the session is forwarded. */
    OIDC,
    /** A role picked on the sign-in page; its development token from the tokens directory is forwarded. */
    DEVELOPMENT
}
