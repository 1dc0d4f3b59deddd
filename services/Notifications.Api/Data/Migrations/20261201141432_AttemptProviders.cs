using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Notifications.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class AttemptProviders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "FailedOver",
                table: "delivery_attempts",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "Provider",
                table: "delivery_attempts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Segments",
                table: "delivery_attempts",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FailedOver",
                table: "delivery_attempts");

            migrationBuilder.DropColumn(
                name: "Provider",
                table: "delivery_attempts");

            migrationBuilder.DropColumn(
                name: "Segments",
                table: "delivery_attempts");
        }
    }
}
