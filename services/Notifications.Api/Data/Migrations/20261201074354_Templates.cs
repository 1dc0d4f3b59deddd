using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Notifications.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Templates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Channel",
                table: "notifications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "notifications",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "general");

            migrationBuilder.AddColumn<int>(
                name: "TemplateVersion",
                table: "notifications",
                type: "integer",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Contact",
                table: "notification_recipients",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(320)",
                oldMaxLength: 320);

            migrationBuilder.CreateTable(
                name: "templates",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DefaultLocale = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    CurrentVersion = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_templates", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "template_versions",
                columns: table => new
                {
                    TemplateKey = table.Column<string>(type: "character varying(100)", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    DefaultLocale = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    Variables = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_template_versions", x => new { x.TemplateKey, x.Version });
                    table.ForeignKey(
                        name: "FK_template_versions_templates_TemplateKey",
                        column: x => x.TemplateKey,
                        principalTable: "templates",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "template_variants",
                columns: table => new
                {
                    TemplateKey = table.Column<string>(type: "character varying(100)", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Locale = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    EmailSubject = table.Column<string>(type: "text", nullable: true),
                    EmailHtml = table.Column<string>(type: "text", nullable: true),
                    EmailText = table.Column<string>(type: "text", nullable: true),
                    SmsText = table.Column<string>(type: "text", nullable: true),
                    PushTitle = table.Column<string>(type: "text", nullable: true),
                    PushBody = table.Column<string>(type: "text", nullable: true),
                    PushUrl = table.Column<string>(type: "text", nullable: true),
                    InAppTitle = table.Column<string>(type: "text", nullable: true),
                    InAppBody = table.Column<string>(type: "text", nullable: true),
                    InAppUrl = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_template_variants", x => new { x.TemplateKey, x.Version, x.Locale });
                    table.ForeignKey(
                        name: "FK_template_variants_template_versions_TemplateKey_Version",
                        columns: x => new { x.TemplateKey, x.Version },
                        principalTable: "template_versions",
                        principalColumns: new[] { "TemplateKey", "Version" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "templates",
                columns: new[] { "Key", "CreatedAt", "CurrentVersion", "DefaultLocale", "Description", "Name", "UpdatedAt" },
                values: new object[,]
                {
                    { "order-shipped", new DateTimeOffset(new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1, "en", "Tells a customer their order is on its way, with a tracking link.", "Order shipped", new DateTimeOffset(new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { "password-changed", new DateTimeOffset(new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 1, "en", "Security notice after a password change, asking to contact support if it was not them.", "Password changed", new DateTimeOffset(new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) }
                });

            migrationBuilder.InsertData(
                table: "template_versions",
                columns: new[] { "TemplateKey", "Version", "CreatedAt", "CreatedBy", "DefaultLocale", "Variables" },
                values: new object[,]
                {
                    { "order-shipped", 1, new DateTimeOffset(new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", "en", new List<string> { "name", "orderId", "trackingUrl" } },
                    { "password-changed", 1, new DateTimeOffset(new DateTime(2026, 12, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "system", "en", new List<string> { "name", "changedAt" } }
                });

            migrationBuilder.InsertData(
                table: "template_variants",
                columns: new[] { "Locale", "TemplateKey", "Version", "EmailHtml", "EmailSubject", "EmailText", "InAppBody", "InAppTitle", "InAppUrl", "PushBody", "PushTitle", "PushUrl", "SmsText" },
                values: new object[,]
                {
                    { "de", "order-shipped", 1, "<p>Hallo {{ name }},</p>\n<p>Ihre Bestellung {{ orderId }} ist unterwegs. <a href=\"{{ trackingUrl }}\">Sendung verfolgen</a>.</p>\n", "Ihre Bestellung {{ orderId }} wurde versandt", "Hallo {{ name }},\n\nIhre Bestellung {{ orderId }} ist unterwegs. Sendungsverfolgung: {{ trackingUrl }}\n", null, null, null, null, null, null, null },
                    { "en", "order-shipped", 1, "<p>Hello {{ name }},</p>\n<p>your order {{ orderId }} is on its way. <a href=\"{{ trackingUrl }}\">Track it</a>.</p>\n", "Your order {{ orderId }} has shipped", "Hello {{ name }},\n\nyour order {{ orderId }} is on its way. Track it at {{ trackingUrl }}.\n", null, null, null, null, null, null, null },
                    { "de", "password-changed", 1, "<p>Hallo {{ name }},</p>\n<p>das Passwort Ihres Kontos wurde am {{ changedAt }} geändert. Wenn Sie das nicht waren, wenden Sie sich an den Support.</p>\n", "Ihr Passwort wurde geändert", "Hallo {{ name }},\n\ndas Passwort Ihres Kontos wurde am {{ changedAt }} geändert. Wenn Sie das nicht waren, wenden Sie sich an den Support.\n", null, null, null, null, null, null, null },
                    { "en", "password-changed", 1, "<p>Hello {{ name }},</p>\n<p>the password of your account was changed at {{ changedAt }}. If this was not you, contact support.</p>\n", "Your password was changed", "Hello {{ name }},\n\nthe password of your account was changed at {{ changedAt }}. If this was not you, contact support.\n", null, null, null, null, null, null, null }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "template_variants");

            migrationBuilder.DropTable(
                name: "template_versions");

            migrationBuilder.DropTable(
                name: "templates");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "TemplateVersion",
                table: "notifications");

            migrationBuilder.AlterColumn<string>(
                name: "Channel",
                table: "notifications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Contact",
                table: "notification_recipients",
                type: "character varying(320)",
                maxLength: 320,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(320)",
                oldMaxLength: 320,
                oldNullable: true);
        }
    }
}
