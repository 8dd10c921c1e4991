package io.quarkiverse.jobqueue.deployment.nativeimage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.quarkiverse.jobqueue.JobContext;
import io.quarkiverse.jobqueue.JobHandler;
import io.smallrye.mutiny.Uni;

/**
 * The sample application whose native registrations {@link NativeRegistrationsTest} checks: payloads and results of
 * every shape, records, POJOs with a superclass, generic collections, an abstract type with subclasses, an array, all
 * nested in this class, and types reached only through the fields of others.
 */
public class ShippingHandlers {

    @JobHandler("place-order")
    void placeOrder(OrderPlaced order, JobContext context) {
    }

    @JobHandler("send-invoice")
    Receipt sendInvoice(Invoice invoice) {
        return new Receipt(invoice.getNumber());
    }

    @JobHandler("ship-parcels")
    Uni<Manifest> shipParcels(List<Parcel> parcels) {
        return Uni.createFrom().item(new Manifest(parcels.size()));
    }

    @JobHandler("price-list")
    CompletionStage<List<Quote>> priceList(Map<String, Price> prices) {
        return CompletableFuture.completedFuture(List.of());
    }

    @JobHandler("notify")
    void notify(Notification notification) {
    }

    @JobHandler("archive")
    void archive(Batch[] batches) {
    }

    @JobHandler("ping")
    int ping(String text) {
        return text.length();
    }

    /** A record whose components are records reached only through it. */
    public record OrderPlaced(long id, Customer customer, List<Line> lines) {
    }

    public record Customer(String name, Address address) {
    }

    public record Address(String street, String city) {
    }

    public record Line(String product, int quantity) {
    }

    /** A POJO with getters and setters, a superclass, and a field of a POJO type of its own. */
    public static class Invoice extends Document {
        private Money total;

        public Money getTotal() {
            return total;
        }

        public void setTotal(Money total) {
            this.total = total;
        }
    }

    public static class Document {
        private String number;

        public String getNumber() {
            return number;
        }

        public void setNumber(String number) {
            this.number = number;
        }
    }

    public static class Money {
        public BigDecimal amount;
        public String currency;
    }

    public record Parcel(String trackingNumber, double weightKg) {
    }

    public record Price(BigDecimal amount) {
    }

    /** Jackson picks the subclass from the payload; both must be registered with their parent. */
    public abstract static class Notification {
        public String recipient;
    }

    public static class Sms extends Notification {
        public String phone;
    }

    public static class Email extends Notification {
        public String address;
    }

    public record Batch(String name) {
    }

    public record Receipt(String invoiceNumber) {
    }

    public record Manifest(int parcels) {
    }

    public record Quote(String product, Price price) {
    }
}
