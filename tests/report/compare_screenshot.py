"""compare_screenshot.py SHOT.png GOLDEN.png: the screenshot, reduced to a
320-pixel-wide greyscale image, must match the golden one (kept reduced)
within a tolerance, so that other font hinting or anti-aliasing does not
fail the test but a missing chart or section does. FIDES_UPDATE_GOLDEN=1
writes the reduced screenshot as the golden image."""
import os
import sys

from PIL import Image, ImageChops, ImageStat

WIDTH = 320
MEAN_LIMIT = 4.0        # mean absolute difference, in grey levels of 255
CHANGED_LIMIT = 0.03    # share of pixels differing by more than 64 levels


def reduced(path):
    image = Image.open(path).convert("L")
    height = round(image.height * WIDTH / image.width)
    return image.resize((WIDTH, height), Image.LANCZOS)


def main():
    shot, golden = sys.argv[1], sys.argv[2]
    image = reduced(shot)
    if ImageStat.Stat(image).stddev[0] < 10:
        print(f"FAIL: {shot} is blank")
        return 1
    if os.environ.get("FIDES_UPDATE_GOLDEN") == "1":
        image.save(golden, optimize=True)
        print(f"rewrote {golden}")
    expected = Image.open(golden).convert("L")
    if expected.size != image.size:
        print(f"FAIL: size {image.size} differs from the golden {expected.size}")
        return 1
    diff = ImageChops.difference(image, expected)
    mean = ImageStat.Stat(diff).mean[0]
    changed = sum(diff.histogram()[65:]) / (image.width * image.height)
    print(f"mean difference {mean:.2f} (limit {MEAN_LIMIT}), changed pixels {changed:.4f} (limit {CHANGED_LIMIT})")
    if mean > MEAN_LIMIT or changed > CHANGED_LIMIT:
        diff.save(shot + ".diff.png")
        print(f"FAIL: the page looks different from {golden} (difference in {shot}.diff.png)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
