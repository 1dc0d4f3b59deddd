namespace Inbox.Api.Projection;

/// <summary>
/// Whether the events handled in this scope come from the live consumer or from a rebuild. Live projections take the
/// projection lock shared (many at once, across replicas); a rebuild holds it exclusively while it empties and
/// refills the tables, so no live event lands in between and numbers an item out of order.
/// </summary>
public sealed class ProjectionRun
{
    /// <summary>PostgreSQL advisory lock key of the projection (any constant the service owns alone in its database).</summary>
    public const long LockKey = 0x1_7B0C_0001;

    public bool Replaying { get; set; }
}
