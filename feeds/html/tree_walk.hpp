#pragma once
/// Iterative pre/post-order walk over a pugixml subtree: HTML from feeds nests arbitrarily deep,
/// so nothing in feeds/html recurses over the tree.

#include <pugixml.hpp>

namespace feeds::detail {

/// Visits the descendants of `root` in document order. `enter(node)` returns false to skip the
/// node's children; `leave(node)` runs after the children of every node that was entered.
template <class Enter, class Leave>
void walk_tree(pugi::xml_node root, Enter&& enter, Leave&& leave) {
  pugi::xml_node node = root.first_child();
  while (node) {
    if (enter(node)) {
      if (pugi::xml_node child = node.first_child()) {
        node = child;
        continue;
      }
      leave(node);
    }
    while (!node.next_sibling()) {
      node = node.parent();
      if (node == root) {
        return;
      }
      leave(node);
    }
    node = node.next_sibling();
  }
}

}  // namespace feeds::detail
