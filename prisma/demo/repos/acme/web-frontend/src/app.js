import { addItem, cartTotals } from "./cart.js";
import { formatPrice } from "./format-price.js";
import { slugify } from "./slugify.js";

const TAX_RATE = 0.0825;
let cart = [];

async function main() {
  const response = await fetch("https://api.acme.example/v1/catalogue");
  const products = await response.json();
  const list = document.getElementById("catalogue");
  for (const product of products) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `/products/${slugify(product.title)}`;
    link.textContent = `${product.title} (${formatPrice(product.unitCents)})`;
    const button = document.createElement("button");
    button.textContent = "Add to cart";
    button.addEventListener("click", () => {
      cart = addItem(cart, { sku: product.sku, unitCents: product.unitCents });
      render();
    });
    item.append(link, " ", button);
    list.append(item);
  }
}

function render() {
  document.getElementById("cart").replaceChildren(
    ...cart.map((i) => Object.assign(document.createElement("li"), { textContent: `${i.sku} x ${i.quantity}` })),
  );
  document.getElementById("total").textContent = formatPrice(cartTotals(cart, { taxRate: TAX_RATE }).total);
}

main();
