/**
 * The local compute backend ({@code compute.backend: local}), for machines without Slurm such as development
 * mode: IM/User, running as the end user, runs each job's script itself as a process group of its own, enforces
 * the time limit, and reports what it sees through {@link dk.sdu.im.compute.backend.ObservationSink}.
 * IM/Server's half polls nothing. A category's Slurm placement (partition, QoS, constraint) is ignored.
 */
package dk.sdu.im.compute.local;
