/** The version of the agent API this client speaks. */
export const AGENT_API_VERSION = 'v1';
