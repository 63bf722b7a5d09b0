package dz.zst.command.orders;

/** Draws order numbers: unique across nodes, readable by a buyer on the phone. */
@FunctionalInterface
public interface OrderNumbers {

    String next();
}
