using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

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

            // The built-in templates, as version 1 (see TemplateSeed).
            TemplateSeed.InsertInto(migrationBuilder);
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
