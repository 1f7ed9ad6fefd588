-- wrk script for bench/load.py: print one machine-readable line with the latency distribution.
-- Latencies are in microseconds; the harness turns them into milliseconds.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_us":%.0f,"p95_us":%.0f,"p99_us":%.0f,"max_us":%.0f,' ..
    '"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_status":%d,"errors_timeout":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
