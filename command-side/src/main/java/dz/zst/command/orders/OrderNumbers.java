package dz.zst.command.orders;

import java.util.List;

/** Draws order numbers: unique across nodes, readable by a buyer on the phone. */
@FunctionalInterface
public interface OrderNumbers {

    /** As many fresh numbers as a checkout places orders, drawn together. */
    List<String> next(int count);
}
