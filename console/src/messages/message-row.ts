/** A recipient's copy of a message as `GET /v1/messages` lists it. */
export interface RecipientCopy {
  readonly recipient: string;
  readonly state: string;
  readonly routedAt: string | null;
  readonly deliveredAt: string | null;
}

/** One message of a search page: metadata only. */
export interface MessageRow {
  readonly messageId: string;
  readonly sender: string;
  readonly recipients: readonly RecipientCopy[];
  readonly status: string;
  readonly payloadType: string;
  readonly createdAt: string;
  readonly archivedAt: string;
  readonly exercise: boolean;
  readonly size: number;
}

/** A page of the search. */
export interface MessagePageJson {
  readonly items: readonly MessageRow[];
  readonly nextCursor: string | null;
  readonly partial: boolean;
  readonly examined: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Checks the shape of a search page the gateway answered (the fields the page reads). */
export function parseMessagePage(body: unknown): MessagePageJson {
  if (
    !isObject(body) ||
    !Array.isArray(body['items']) ||
    typeof body['partial'] !== 'boolean' ||
    typeof body['examined'] !== 'number' ||
    !(body['nextCursor'] === null || typeof body['nextCursor'] === 'string')
  ) {
    throw new Error('the gateway sent a message page the console cannot read');
  }
  for (const item of body['items'] as unknown[]) {
    if (!isObject(item) || typeof item['messageId'] !== 'string' || !Array.isArray(item['recipients'])) {
      throw new Error('the gateway sent a message the console cannot read');
    }
  }
  return body as unknown as MessagePageJson;
}
