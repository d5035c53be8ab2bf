/**
 * Stores a message with its room's next seq in one statement (its own transaction): the
 * UPDATE's row lock orders concurrent senders of a room until the commit, and a failed
 * INSERT (the same clientMsgId twice) rolls the counter back, so seq stays gap-free.
 * Parameters: room id, clientMsgId, author id, body, replyToSeq. No imports here: the
 * real-time bench's baseline server runs this same statement.
 */
export const INSERT_MESSAGE = `WITH bumped AS (
    UPDATE rooms SET last_seq = last_seq + 1, updated_at = now() WHERE id = $1 RETURNING last_seq
  )
  INSERT INTO messages (room_id, seq, client_msg_id, author_id, body, reply_to_seq)
  SELECT $1, last_seq, $2, $3, $4, $5 FROM bumped
  RETURNING id, seq, created_at`;
