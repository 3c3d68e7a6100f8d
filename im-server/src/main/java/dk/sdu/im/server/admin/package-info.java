/**
 * IM/Server's side of the admin CLI ({@code ucloud-im users}, {@code instances}, {@code routes}, {@code drives},
 * {@code jobs}): who counts as an administrator ({@link dk.sdu.im.server.admin.AdminPeers}) and the answers to their
 * requests ({@link dk.sdu.im.server.admin.AdminDesk}).
 *
 * <p>Trust: the CLI holds no authority of its own. IM/Server's permission table lets only {@code ADMIN} peers speak
 * this protocol, and a peer is {@code ADMIN} only by the kernel-reported uid and gid of its connection (root, or a
 * member of {@code server.adminGroup}). Everyone else is refused at the handshake. Handlers here check nothing:
 * the table already did.
 */
package dk.sdu.im.server.admin;
