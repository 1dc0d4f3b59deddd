namespace Preferences.Api.DeliveryProfiles;

/// <summary>
/// The delivery profile as ONE statement that PostgreSQL answers with the whole <c>DeliveryProfile</c> as JSON (the
/// contract's camelCase names). It was six EF queries, six round trips and six transactions at every attempt; the
/// benchmark's <c>pg_stat_database</c> counted six transactions per notification in preferencesdb, the most after
/// notificationsdb (issue 9). The tables and columns are <see cref="Data.PreferencesDbContext"/>'s; the end-to-end
/// preference, quiet-hours, push and webhook tests read every field through the worker.
/// </summary>
public static class DeliveryProfileSql
{
    /// <summary>Interpolated values become parameters; nothing here is concatenated.</summary>
    public static FormattableString For(string userId, string category) => $"""
        SELECT json_build_object(
          'recipient', (SELECT json_build_object('userId', r."UserId", 'email', r."Email", 'phone', r."Phone",
                                                 'locale', r."Locale", 'timeZone', r."TimeZone", 'data', r."DataJson")
                        FROM recipients r WHERE r."UserId" = {userId}),
          'category', (SELECT json_build_object('key', c."Key", 'name', c."Name", 'defaultChannels', c."DefaultChannels",
                                                'critical', c."Critical")
                       FROM categories c WHERE c."Key" = {category}),
          -- The person's global choices and those for this category; a category that does not exist has none.
          'preferences', COALESCE((SELECT json_agg(json_build_object('category', p."Category", 'channel', p."Channel",
                                                                     'enabled', p."Enabled") ORDER BY p."Category", p."Channel")
                                   FROM preferences p
                                   WHERE p."UserId" = {userId} AND (p."Category" IS NULL OR p."Category" = {category})), '[]'),
          'quietHours', (SELECT json_build_object('start', q."Start", 'end', q."End")
                         FROM quiet_hours q WHERE q."UserId" = {userId}),
          'pushSubscriptions', COALESCE((SELECT json_agg(json_build_object('id', s."Id", 'endpoint', s."Endpoint",
                                                                           'p256dh', s."P256dh", 'auth', s."Auth") ORDER BY s."CreatedAt")
                                         FROM push_subscriptions s WHERE s."UserId" = {userId}), '[]'),
          -- A disabled endpoint (it answered 410) is no address: none left means the webhook channel has none.
          'webhookEndpoints', COALESCE((SELECT json_agg(json_build_object('id', e."Id", 'url', e."Url", 'secret', e."Secret")
                                                        ORDER BY e."CreatedAt")
                                        FROM webhook_endpoints e WHERE e."UserId" = {userId} AND e."DisabledAt" IS NULL), '[]')
        )::text AS "Value"
        """;
}
