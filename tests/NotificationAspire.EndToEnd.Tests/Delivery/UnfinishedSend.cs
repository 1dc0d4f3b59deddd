using Npgsql;
using NotificationAspire.Contracts;
using NotificationAspire.Contracts.Events;

namespace NotificationAspire.EndToEnd.Tests.Delivery;

/// <summary>
/// A delivery left the way a worker SIGKILLed in the middle of a send leaves it. Beside its one test and not in
/// TestSupport: it writes the worker's own table, which no other test (and no other service) may touch.
/// </summary>
internal static class UnfinishedSend
{
    /// <summary>
    /// Attempt 1 recorded as Sending at <paramref name="startedAt"/>, no outcome. Written straight into the
    /// worker's database, the only way to stop a real worker at exactly that point.
    /// </summary>
    public static async Task LeaveAsync(PlatformFixture platform, NotificationRequested request, DateTimeOffset startedAt)
    {
        var recipient = request.Recipients.Single();
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync(ResourceNames.DeliveryDatabase));
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO deliveries ("DeliveryKey", "NotificationId", "RecipientUserId", "Channel", "Contact", "State",
                                    "AttemptCount", "ScheduledAttempt", "InterruptedSends", "CreatedAt", "UpdatedAt")
            VALUES (@key, @notification, @user, @channel, @contact, 'Sending', 1, 1, 0, @started, @started)
            """, connection);
        insert.Parameters.AddWithValue("key", DeliveryKeys.For(request.NotificationId, recipient.UserId, request.Channel!));
        insert.Parameters.AddWithValue("notification", request.NotificationId);
        insert.Parameters.AddWithValue("user", recipient.UserId);
        insert.Parameters.AddWithValue("channel", request.Channel!);
        insert.Parameters.AddWithValue("contact", recipient.Contact!);
        insert.Parameters.AddWithValue("started", startedAt);
        await insert.ExecuteNonQueryAsync();
    }
}
