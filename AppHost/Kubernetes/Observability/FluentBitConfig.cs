namespace NotificationAspire.AppHost.Kubernetes.Observability;

/// <summary>
/// Fluent Bit for an EFK stack: tails the namespace's container logs, merges each JSON line the services write
/// in production (the console's JSON formatter, scopes included), lifts the trace and span ids out of the logging
/// scopes so Kibana can jump to a trace, and ships to Elasticsearch. Used as the `existingConfigMap` of the
/// fluent/fluent-bit Helm chart; the Elasticsearch password comes from the DaemonSet's environment.
/// </summary>
public static class FluentBitConfig
{
    public const string ConfigMapName = "fluent-bit-config";

    /// <summary>The console settings that make production logs one JSON object per line, with scopes (and their TraceId).</summary>
    public static IReadOnlyList<(string Key, string Value)> JsonConsoleLogging { get; } =
    [
        ("Logging__Console__FormatterName", "json"),
        ("Logging__Console__FormatterOptions__IncludeScopes", "true"),
        ("Logging__Console__FormatterOptions__UseUtcTimestamp", "true"),
        ("Logging__Console__FormatterOptions__TimestampFormat", "yyyy-MM-ddTHH:mm:ss.fffZ"),
    ];

    public static IReadOnlyDictionary<string, string> Files(string @namespace) => new Dictionary<string, string>
    {
        ["fluent-bit.conf"] = $$"""
            [SERVICE]
                Flush              5
                Log_Level          info
                Parsers_File       /fluent-bit/etc/parsers.conf
                HTTP_Server        On
                HTTP_Port          2020

            [INPUT]
                Name               tail
                Tag                kube.*
                Path               /var/log/containers/*_{{@namespace}}_*.log
                multiline.parser   cri, docker
                Mem_Buf_Limit      16MB
                Skip_Long_Lines    On
                DB                 /var/fluent-bit/state/{{@namespace}}.db

            [FILTER]
                Name               kubernetes
                Match              kube.*
                Merge_Log          On
                Merge_Log_Key      app
                Merge_Parser       dotnet-json
                Keep_Log           Off
                Labels             On
                Annotations        Off

            [FILTER]
                Name               lua
                Match              kube.*
                script             /fluent-bit/etc/trace-ids.lua
                call               lift_trace_ids

            [OUTPUT]
                Name               es
                Match              kube.*
                Host               ${FLUENT_ELASTICSEARCH_HOST}
                Port               9200
                HTTP_User          ${FLUENT_ELASTICSEARCH_USER}
                HTTP_Passwd        ${FLUENT_ELASTICSEARCH_PASSWORD}
                tls                On
                Logstash_Format    On
                Logstash_Prefix    {{@namespace}}
                Suppress_Type_Name On
                Replace_Dots       On
                Trace_Error        On
                Retry_Limit        False
            """,
        ["parsers.conf"] = """
            [PARSER]
                Name        dotnet-json
                Format      json
                Time_Key    Timestamp
                Time_Format %Y-%m-%dT%H:%M:%S.%LZ
            """,
        // .NET's JSON console puts the activity's ids in the first scope; Elasticsearch and Kibana want them at the top.
        ["trace-ids.lua"] = """
            function lift_trace_ids(tag, timestamp, record)
              local app = record["app"]
              if type(app) ~= "table" or type(app["Scopes"]) ~= "table" then
                return 0, timestamp, record
              end
              for _, scope in ipairs(app["Scopes"]) do
                if type(scope) == "table" and scope["TraceId"] ~= nil then
                  record["trace_id"] = scope["TraceId"]
                  record["span_id"] = scope["SpanId"]
                  return 1, timestamp, record
                end
              end
              return 0, timestamp, record
            end
            """,
    };
}
