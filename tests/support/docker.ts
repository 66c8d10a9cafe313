import Docker from 'dockerode';

/**
 * Whether the local Docker engine answers. Docker tests skip on a laptop without an engine, but
 * when DECKHAND_REQUIRE_DOCKER=1 (set by .ci/run) a missing engine is an error, never a skip.
 */
export async function dockerAvailable(): Promise<boolean> {
  const required = process.env.DECKHAND_REQUIRE_DOCKER === '1';
  try {
    await new Docker().ping();
    return true;
  } catch (error) {
    if (required) {
      throw new Error(`DECKHAND_REQUIRE_DOCKER=1 but no Docker engine answered: ${String(error)}`);
    }
    return false;
  }
}
