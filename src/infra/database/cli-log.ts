/** One JSON line on stdout with its time: how the command-line tools report progress. */
export function cliLog(fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ time: new Date().toISOString(), ...fields }));
}
