-- The bounded load run of make test-stack (wrk, through Varnish): articles, points, search, a product page
-- and the counted /go/ redirect. Arguments after `--`: the offer slug, and the second after which no more
-- /go/ requests are sent, so that every click sent has had its answer before wrk stops.
-- wrk calls request() once more on the first thread, to check the script, without sending it: that call
-- takes paths[2], which therefore must not be a /go/ (it would count a click that was never sent).
local paths = {
  "/articles/lower-back-pain-acupressure-points/",
  "/articles/",
  "/go/",
  "/points/",
  "/points/bl-40/",
  "/points/gb-41/",
  "/go/",
  "/search/?q=lower+back",
  "/search/?q=headache",
  "/products/facial-gua-sha-tool/",
}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  offer = args[1]
  go_seconds = tonumber(args[2])
  started = os.time()
  n = 0
  go_sent = 0
  go_redirected = 0
  unexpected = 0
end

function request()
  n = n + 1
  local path = paths[(n % #paths) + 1]
  if path == "/go/" then
    if os.time() - started < go_seconds then
      go_sent = go_sent + 1
      path = "/go/" .. offer .. "/"
    else
      path = paths[1]
    end
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  local location = headers["Location"] or ""
  if status == 302 and location:sub(1, 4) == "http" then
    go_redirected = go_redirected + 1
  elseif status ~= 200 then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local sent, redirected, bad = 0, 0, 0
  for _, thread in ipairs(threads) do
    sent = sent + thread:get("go_sent")
    redirected = redirected + thread:get("go_redirected")
    bad = bad + thread:get("unexpected")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "seconds": %.2f, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d}, "latency_ms": {"mean": %.1f, "p50": %.1f, "p99": %.1f, "max": %.1f}, "go_sent": %d, ' ..
    '"go_redirected": %d, "unexpected_status": %d}\n',
    summary.requests, summary.duration / 1e6, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    sent, redirected, bad))
end
