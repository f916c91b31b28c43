/** Staff ids as a reader wants them: "you" for the signed-in member, a short id for others. */
export function who(actor: string, me: string): string {
  const id = actor.startsWith('staff:') ? actor.slice('staff:'.length) : actor;
  if (id === me) return 'you';
  if (actor === 'system') return 'the server';
  if (actor.startsWith('officer:')) return 'the requesting officer';
  return `staff ${id.slice(0, 6)}`;
}
