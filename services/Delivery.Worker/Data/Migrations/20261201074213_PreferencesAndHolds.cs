using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Delivery.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class PreferencesAndHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PreferencesCachedAt",
                table: "deliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "held_deliveries",
                columns: table => new
                {
                    DeliveryKey = table.Column<string>(type: "text", nullable: false),
                    Record = table.Column<string>(type: "jsonb", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_held_deliveries", x => x.DeliveryKey);
                });

            migrationBuilder.CreateIndex(
                name: "IX_held_deliveries_DueAt",
                table: "held_deliveries",
                column: "DueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "held_deliveries");

            migrationBuilder.DropColumn(
                name: "PreferencesCachedAt",
                table: "deliveries");
        }
    }
}
