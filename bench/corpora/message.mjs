/** A 75-byte English chat message: the short-input latency and cold-start case. */
export const SHORT_MESSAGE = 'Hi! Can you summarise this thread in three bullets and flag any deadlines?\n';
