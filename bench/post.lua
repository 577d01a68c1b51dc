-- wrk script: POST the file named by $BODY_FILE as JSON to the target URL. With $MAX_REQUESTS,
-- each wrk thread stops sending after that many 202 answers (wrk itself still runs for its -d).
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"

local max = tonumber(os.getenv("MAX_REQUESTS") or "")
if max then
  local accepted = 0
  function response(status)
    if status == 202 then
      accepted = accepted + 1
      if accepted >= max then
        wrk.thread:stop()
      end
    end
  end
end
