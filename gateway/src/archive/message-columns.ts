/**
 * The header columns of an archived message (table `messages`) as the database returns them,
 * shared by every reader of that table; each adds the columns it selects besides these.
 */
export interface MessageHeaderColumns {
  message_id: string;
  sender: string;
  payload_type: string;
  created_at: number;
  archived_at: number;
  tlp: number;
  urgency: number;
  broadcast: number;
  exercise: number;
  correlation_id: string | null;
  in_reply_to: string | null;
}
