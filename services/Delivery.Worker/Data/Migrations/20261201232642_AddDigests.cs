using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Delivery.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddDigests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "collected_deliveries",
                columns: table => new
                {
                    DeliveryKey = table.Column<string>(type: "text", nullable: false),
                    WindowKey = table.Column<string>(type: "text", nullable: false),
                    NotificationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Record = table.Column<string>(type: "jsonb", nullable: false),
                    CollectedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_collected_deliveries", x => x.DeliveryKey);
                });

            migrationBuilder.CreateTable(
                name: "digest_windows",
                columns: table => new
                {
                    DeliveryKey = table.Column<string>(type: "text", nullable: false),
                    RecipientUserId = table.Column<string>(type: "text", nullable: false),
                    Channel = table.Column<string>(type: "text", nullable: false),
                    DigestKey = table.Column<string>(type: "text", nullable: false),
                    OpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReleasedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_digest_windows", x => x.DeliveryKey);
                });

            migrationBuilder.CreateIndex(
                name: "IX_collected_deliveries_NotificationId",
                table: "collected_deliveries",
                column: "NotificationId");

            migrationBuilder.CreateIndex(
                name: "IX_collected_deliveries_WindowKey",
                table: "collected_deliveries",
                column: "WindowKey");

            migrationBuilder.CreateIndex(
                name: "IX_digest_windows_ClosesAt",
                table: "digest_windows",
                column: "ClosesAt",
                filter: "\"ReleasedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_digest_windows_RecipientUserId_Channel_DigestKey",
                table: "digest_windows",
                columns: new[] { "RecipientUserId", "Channel", "DigestKey" },
                unique: true,
                filter: "\"ReleasedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "collected_deliveries");

            migrationBuilder.DropTable(
                name: "digest_windows");
        }
    }
}
