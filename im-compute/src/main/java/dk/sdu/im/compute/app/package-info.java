/**
 * The parts of Core's Job (contract 3.5 and 5.4) that a batch script needs: the resolved application's
 * invocation, its parameters, the job's parameter values, the environment, sbatch directives and the tool's
 * load instructions. {@link dk.sdu.im.compute.app.JobJson} parses them from the JSON Core sends.
 *
 * <p>Trust: everything here came from UCloud (the application from its catalogue, the values from the end
 * user) and is data only; nothing is interpreted here. Unknown fields are ignored, because Core adds fields
 * over time (decision 7).
 */
package dk.sdu.im.compute.app;
