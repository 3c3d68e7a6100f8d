/**
 * The compute interface (DESIGN section 5's {@code plugins/*}): what IM/User and IM/Server need of a backend that
 * runs jobs, and the records that pass between them. Backends live in their own modules and are found by name.
 */
package dk.sdu.im.compute.backend;
