/**
 * The admin CLI ({@code ucloud-im instances}): runs as root, asks IM/Server over the IPC socket, prints.
 * It holds no authority of its own: IM/Server authorises each call by the kernel-reported peer uid.
 */
package dk.sdu.im.cli;
