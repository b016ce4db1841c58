\set s random(1, 10000)
SELECT message_store.write_message(gen_random_uuid()::text, 'case-' || :client_id || 'x' || :s, 'Ev',
  :payload::jsonb, NULL, COALESCE(message_store.stream_version('case-' || :client_id || 'x' || :s), -1));
