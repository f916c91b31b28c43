-- Prosody 0.12 for the benchmark (bench/peers/xmpp-peers.ts fills @DIR@ and @PORT@): loopback only, no TLS,
-- no s2s, no `limits` module (Debian's config caps each client at 10 kB/s), plain storage, in-band
-- registration without throttling, MUC for S3. Runs as root so the runner can sample and stop it directly.
run_as_root = true
pidfile = "@DIR@/prosody.pid"
data_path = "@DIR@"
log = { warn = "@DIR@/prosody.log" }
c2s_ports = { @PORT@ }
c2s_interfaces = { "127.0.0.1" }
s2s_ports = {}
http_ports = {}
https_ports = {}
modules_enabled = { "disco", "register", "offline", "saslauth", "ping" }
modules_disabled = { "s2s", "tls", "limits" }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "internal_plain"
storage = "internal"
allow_registration = true
c2s_stanza_size_limit = 1048576

VirtualHost "localhost"

Component "conference.localhost" "muc"
  muc_room_locking = false
  muc_room_default_history_length = 0
  restrict_room_creation = false
