/**
 * Turns a resolved application and the job's parameter values into the text of {@code job.sbatch}
 * ({@link dk.sdu.im.compute.script.BatchScript}).
 *
 * <p>Trust: the application and the values come from UCloud and are untrusted. Every such value reaches
 * bash as exactly one single-quoted word, and {@code #SBATCH} values as one word in Slurm's own quoting;
 * NUL is refused everywhere, line breaks in directives. Only three things are inserted verbatim: the
 * caller's directive names (validated), the site's module-load lines (site configuration), and the text an
 * application's jinja template writes itself, around the quoted values ({@link
 * dk.sdu.im.compute.script.JinjaTemplates}; the template renders in a sandbox, bounded in size and time).
 * Nothing here starts a process, touches a file or calls Slurm; the caller writes the text and confines
 * the paths.
 */
package dk.sdu.im.compute.script;
