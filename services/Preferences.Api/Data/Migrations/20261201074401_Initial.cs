using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Preferences.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "categories",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DefaultChannels = table.Column<List<string>>(type: "text[]", nullable: false),
                    Critical = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_categories", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "quiet_hours",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    End = table.Column<TimeOnly>(type: "time without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quiet_hours", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "recipients",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    Phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Locale = table.Column<string>(type: "character varying(85)", maxLength: 85, nullable: true),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DataJson = table.Column<string>(type: "jsonb", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recipients", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "preferences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_preferences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_preferences_categories_Category",
                        column: x => x.Category,
                        principalTable: "categories",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            // The categories every installation starts with. Seeded here, once, rather than with HasData (EF Core
            // sees a list-valued seed column as a model change on every build) or at each start (a category an
            // operator deleted would come back).
            migrationBuilder.InsertData(
                table: "categories",
                columns: new[] { "Key", "Name", "DefaultChannels", "Critical" },
                values: new object[,]
                {
                    { "general", "General", new List<string> { "email" }, false },
                    { "order-updates", "Order updates", new List<string> { "email" }, false },
                    { "billing", "Billing", new List<string> { "email" }, false },
                    { "security", "Security alerts", new List<string> { "email" }, true },
                });

            migrationBuilder.CreateIndex(
                name: "IX_preferences_Category",
                table: "preferences",
                column: "Category");

            migrationBuilder.CreateIndex(
                name: "IX_preferences_UserId_Category_Channel",
                table: "preferences",
                columns: new[] { "UserId", "Category", "Channel" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "preferences");

            migrationBuilder.DropTable(
                name: "quiet_hours");

            migrationBuilder.DropTable(
                name: "recipients");

            migrationBuilder.DropTable(
                name: "categories");
        }
    }
}
