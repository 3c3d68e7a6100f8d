package dk.sdu.im.ipc;

/**
 * What IM/Server takes a connected {@link Peer} to be, decided once per connection by its
 * {@link PeerClassifier}. The {@link Permissions} table is keyed on these.
 */
public enum PeerKind {
    /** An administrator, for example uid 0: speaks {@link AdminToServer}. */
    ADMIN,
    /** An IM/User instance that IM/Server launched itself: speaks {@link InstanceToServer}. */
    INSTANCE,
    /** Any other local user: may do only what the table grants it, which today is nothing but {@code Hello}. */
    LOCAL_USER
}
