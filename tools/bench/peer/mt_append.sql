\set s random(1, 10000)
INSERT INTO mt_events (stream_id, version, type, data)
  SELECT 'case-' || :client_id || 'x' || :s, COALESCE(max(version), 0) + 1, 'Ev', :payload::jsonb
  FROM mt_events WHERE stream_id = 'case-' || :client_id || 'x' || :s;
