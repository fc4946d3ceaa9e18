/**
 * How a deploy replaces a service's containers when their configuration or image changes
 * (Docker Swarm's `update_config.order`, for plain containers).
 */
export enum UpdateOrder {
  /**
   * Remove the old container, then create the new one under the same name: the service is
   * down from the old container's stop until the new one is healthy.
   */
  STOP_FIRST = 'stop-first',
  /**
   * Create the new container beside the old one, wait until it is healthy, then stop and remove
   * the old one: no downtime for clients that reach the service by its DNS name through a proxy.
   * The container name carries a generation suffix (two containers exist for a moment), so the
   * service cannot publish host ports or write to a named volume, and it needs a health check.
   * A new container that never turns healthy fails the deploy and the old one keeps running.
   * Its first health probe comes no sooner than 3 s after it starts (the health check's
   * `startInterval` defaults to 3 s here, and a shorter one is refused): a proxy caches Docker's
   * DNS answers for 2 s, and the old container must not go while a cached answer still names it
   * alone.
   */
  START_FIRST = 'start-first',
}
