#!/usr/bin/env python3
"""Where a service's CPU goes, from a JFR recording, by kind of work.

    jfr print --events jdk.ExecutionSample --stack-depth 64 service.jfr > service.txt
    bench/jfr-breakdown.py service.txt

Each sample counts for the leaf-most frame outside the JDK that belongs to a known kind of
work (HTTP, the PostgreSQL client, tracing, metrics, logging, JSON, Kafka, our own code...).
JFR samples Java frames only: GC, JIT compilation and native I/O are not in these shares.
"""
import collections
import re
import sys

if len(sys.argv) != 2:
    sys.exit(__doc__)
text = open(sys.argv[1]).read()
samples = text.split("jdk.ExecutionSample")
leaf = collections.Counter(); cat = collections.Counter(); n = 0
rules = [("otel/tracing", r"io\.opentelemetry|io\.quarkus\.opentelemetry|smallrye\.reactive\.messaging\.otel|TracingPolicy|io\.vertx\.core\.spi\.tracing"),
         ("micrometer/metrics", r"io\.micrometer|io\.quarkus\.micrometer"),
         ("logging/json", r"org\.jboss\.logmanager|io\.quarkus\.logging|jboss\.logging"),
         ("jackson/json", r"com\.fasterxml\.jackson"),
         ("kafka client", r"org\.apache\.kafka"),
         ("pg client", r"io\.vertx\.pgclient|io\.vertx\.sqlclient"),
         ("http server/client (vert.x, netty, resteasy)", r"io\.netty|io\.vertx\.core\.http|org\.jboss\.resteasy|io\.quarkus\.resteasy|io\.quarkus\.rest"),
         ("fault tolerance", r"io\.smallrye\.faulttolerance"),
         ("bookstore code", r"io\.bookstore"),
         ("mutiny/reactive messaging", r"io\.smallrye\.mutiny|io\.smallrye\.reactive\.messaging"),
]
for s in samples[1:]:
    frames = re.findall(r"^\s+([\w\.$<>]+)\(", s, re.M)
    if not frames: continue
    n += 1
    leaf[frames[0].rsplit('.',1)[0]] += 1
    hit = None
    for f in frames:
        if f.startswith(("java.", "jdk.", "sun.")):
            continue
        hit = next((name for name, rx in rules if re.search(rx, f)), "other library: " + f.rsplit('.', 2)[0])
        break
    cat[hit or "JDK only"] += 1
print("samples", n)
for k, v in cat.most_common(12): print(f"  {100*v/n:5.1f}%  {k}")
print(" top leaf classes:")
for k, v in leaf.most_common(5): print(f"  {100*v/n:5.1f}%  {k}")
