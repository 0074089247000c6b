// A call the browser may refuse for a moment (Firefox refuses some storage
// reads while its event page starts): made again after each pause, and a
// last time after them, whose failure is the caller's.

/** `attempt()`, tried again after each of `pausesMs` while it rejects. */
export async function retrying(attempt, pausesMs) {
  for (const pause of pausesMs) {
    try {
      return await attempt();
    } catch {
      await new Promise((resolve) => { setTimeout(resolve, pause); });
    }
  }
  return attempt();
}
