using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Delivery.Worker.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProviderFailover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "FailedOver",
                table: "deliveries",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "Provider",
                table: "deliveries",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Segments",
                table: "deliveries",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FailedOver",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "Provider",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "Segments",
                table: "deliveries");
        }
    }
}
