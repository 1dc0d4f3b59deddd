using Microsoft.EntityFrameworkCore.Migrations;
using Notifications.Api.Model;

namespace Notifications.Api.Data;

/// <summary>
/// The templates the platform shipped with before templates were data, as their version 1 in English (the
/// default, word for word what they said before) and German. Inserted by the migration that creates the tables
/// (migration 20261201075041_Templates), so they exist once, whatever the number of replicas or restarts.
/// Not model seed data (HasData): EF compares a seeded list column by reference and would see a change in every
/// build. Editing this after that migration ran changes no database: save a new version through the API instead.
/// </summary>
public static class TemplateSeed
{
    private static readonly DateTimeOffset SeededAt = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private const string SeededBy = "system";

    public static NotificationTemplate[] Templates { get; } =
    [
        Template("order-shipped", "Order shipped", "Tells a customer their order is on its way, with a tracking link."),
        Template("password-changed", "Password changed", "Security notice after a password change, asking to contact support if it was not them."),
    ];

    public static TemplateVersion[] Versions { get; } =
    [
        Version("order-shipped", "name", "orderId", "trackingUrl"),
        Version("password-changed", "name", "changedAt"),
    ];

    public static TemplateLocaleVariant[] Variants { get; } =
    [
        Variant("order-shipped", "en", "Your order {{ orderId }} has shipped",
            "Hello {{ name }},\n\nyour order {{ orderId }} is on its way. Track it at {{ trackingUrl }}.\n",
            "<p>Hello {{ name }},</p>\n<p>your order {{ orderId }} is on its way. <a href=\"{{ trackingUrl }}\">Track it</a>.</p>\n"),
        Variant("order-shipped", "de", "Ihre Bestellung {{ orderId }} wurde versandt",
            "Hallo {{ name }},\n\nIhre Bestellung {{ orderId }} ist unterwegs. Sendungsverfolgung: {{ trackingUrl }}\n",
            "<p>Hallo {{ name }},</p>\n<p>Ihre Bestellung {{ orderId }} ist unterwegs. <a href=\"{{ trackingUrl }}\">Sendung verfolgen</a>.</p>\n"),
        Variant("password-changed", "en", "Your password was changed",
            "Hello {{ name }},\n\nthe password of your account was changed at {{ changedAt }}. If this was not you, contact support.\n",
            "<p>Hello {{ name }},</p>\n<p>the password of your account was changed at {{ changedAt }}. If this was not you, contact support.</p>\n"),
        Variant("password-changed", "de", "Ihr Passwort wurde geändert",
            "Hallo {{ name }},\n\ndas Passwort Ihres Kontos wurde am {{ changedAt }} geändert. Wenn Sie das nicht waren, wenden Sie sich an den Support.\n",
            "<p>Hallo {{ name }},</p>\n<p>das Passwort Ihres Kontos wurde am {{ changedAt }} geändert. Wenn Sie das nicht waren, wenden Sie sich an den Support.</p>\n"),
    ];

    public static void InsertInto(MigrationBuilder migration)
    {
        foreach (var t in Templates)
        {
            migration.InsertData("templates",
                ["Key", "Name", "Description", "DefaultLocale", "CurrentVersion", "CreatedAt", "UpdatedAt"],
                [t.Key, t.Name, t.Description, t.DefaultLocale, t.CurrentVersion, t.CreatedAt, t.UpdatedAt]);
        }
        foreach (var v in Versions)
        {
            migration.InsertData("template_versions",
                ["TemplateKey", "Version", "DefaultLocale", "Variables", "CreatedAt", "CreatedBy"],
                [v.TemplateKey, v.Version, v.DefaultLocale, v.Variables, v.CreatedAt, v.CreatedBy]);
        }
        foreach (var v in Variants)
        {
            migration.InsertData("template_variants",
                ["TemplateKey", "Version", "Locale", "EmailSubject", "EmailText", "EmailHtml"],
                [v.TemplateKey, v.Version, v.Locale, v.EmailSubject, v.EmailText, v.EmailHtml]);
        }
    }

    private static NotificationTemplate Template(string key, string name, string description) => new()
    {
        Key = key, Name = name, Description = description, DefaultLocale = "en", CurrentVersion = 1, CreatedAt = SeededAt, UpdatedAt = SeededAt,
    };

    private static TemplateVersion Version(string key, params string[] variables) => new()
    {
        TemplateKey = key, Version = 1, DefaultLocale = "en", Variables = [.. variables], CreatedAt = SeededAt, CreatedBy = SeededBy,
    };

    private static TemplateLocaleVariant Variant(string key, string locale, string subject, string text, string html) => new()
    {
        TemplateKey = key, Version = 1, Locale = locale, EmailSubject = subject, EmailText = text, EmailHtml = html,
    };
}
