using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Delivery.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResilientDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LastReplayId",
                table: "deliveries",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextAttemptAt",
                table: "deliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ScheduledAttempt",
                table: "deliveries",
                type: "integer",
                nullable: false,
                // Rows written before retries existed were waiting for their first attempt.
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "cancellations",
                columns: table => new
                {
                    NotificationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CancelledBy = table.Column<string>(type: "text", nullable: false),
                    CancelledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cancellations", x => x.NotificationId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cancellations");

            migrationBuilder.DropColumn(
                name: "LastReplayId",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "ScheduledAttempt",
                table: "deliveries");
        }
    }
}
