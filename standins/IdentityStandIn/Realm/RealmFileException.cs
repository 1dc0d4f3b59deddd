namespace NotificationAspire.Standins.IdentityStandIn.Realm;

/// <summary>A realm file the stand-in cannot serve; the message says what to fix, so startup prints only it.</summary>
public sealed class RealmFileException(string message, Exception? inner = null) : Exception(message, inner);
