"""The toolbox, its support module and the client as ArcGIS Pro's Python 3.9 reads them: each file parses
with Python 3.9's grammar (ast.parse(feature_version=(3, 9)) refuses match statements and except*) and
compiles, and no annotation that 3.9 evaluates uses 'X | Y' (3.10), unless the file postpones annotations
(from __future__ import annotations)."""
import ast
import os
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = [os.path.join(HERE, "..", "rgbunmix.pyt"), os.path.join(HERE, "..", "rgbunmix_arcgis.py"),
         os.path.join(HERE, "..", "package.py")]
CLIENT = os.path.join(HERE, "..", "..", "python", "rgbunmix_client")
FILES += [os.path.join(CLIENT, name) for name in sorted(os.listdir(CLIENT)) if name.endswith(".py")]


def runtime_unions(tree):
    """Annotations written 'X | Y' that Python 3.9 would evaluate, and fail on."""
    postponed = any(isinstance(node, ast.ImportFrom) and node.module == "__future__"
                    and any(alias.name == "annotations" for alias in node.names) for node in tree.body)
    if postponed:
        return []
    annotations = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            annotations += [a.annotation for a in node.args.args + node.args.kwonlyargs if a.annotation]
            annotations += [node.returns] if node.returns else []
        elif isinstance(node, ast.AnnAssign):
            annotations.append(node.annotation)
    return [ast.unparse(a) for a in annotations
            if any(isinstance(n, ast.BinOp) and isinstance(n.op, ast.BitOr) for n in ast.walk(a))]


class Python39Test(unittest.TestCase):
    def test_every_file_is_python_3_9(self):
        for path in FILES:
            with open(path, encoding="utf-8") as f:
                source = f.read()
            with self.subTest(path=os.path.basename(path)):
                tree = ast.parse(source, path, feature_version=(3, 9))
                compile(source, path, "exec")
                self.assertEqual([], runtime_unions(tree))

    def test_the_check_refuses_later_syntax(self):
        with self.assertRaises(SyntaxError):
            ast.parse("match x:\n    case 1:\n        pass\n", feature_version=(3, 9))
        with self.assertRaises(SyntaxError):
            ast.parse("try:\n    pass\nexcept* OSError:\n    pass\n", feature_version=(3, 9))
        self.assertEqual(["int | None"], runtime_unions(ast.parse("def f(x: int | None): pass")))
        self.assertEqual([], runtime_unions(ast.parse("from __future__ import annotations\ndef f(x: int | None): pass")))


if __name__ == "__main__":
    unittest.main(verbosity=2)
